"""workbench: a fact-check workbench for the terminal."""

# The one place the version is written (pyproject.toml reads it from here): reading it
# back through importlib.metadata costs 30 ms on every start.
__version__ = "0.1.0"
