"""Known claims: fact-checks published elsewhere (ClaimReview) and matching claims
against them and against the decided claims of other articles ("checked before").

Nothing here is loaded on the review screen's start path: the TUI imports it in a
worker when a claim's matches are first asked for.
"""

import os

# Matching multiplies a few hundred vectors at a time (and one 20,000-row matrix by one
# vector, bound by memory, not arithmetic): OpenBLAS's threads only spin for it. On two
# busy cores they tripled its CPU time (median 42-50 ms a claim against 20,000
# fact-checks, 19.5 ms with one thread). Set before numpy is first imported, which no
# path to here does (the CLI, the core and the review screen do not load numpy).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
