"""Known claims: fact-checks published elsewhere (ClaimReview) and matching claims
against them and against the decided claims of other articles ("checked before").

Nothing here is loaded on the review screen's start path: the TUI imports it in a
worker when a claim's matches are first asked for.
"""
