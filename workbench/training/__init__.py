"""Reproducible training of the models that ship inside the package.

Nothing here runs at import or at run time of the workbench: these are build steps,
run by hand (``python -m workbench.training parser``), reading the public data in
``../shared/data/`` (never committed) and writing into ``workbench/_models/``.
"""
