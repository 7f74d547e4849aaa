"""Sizes the screens share, in a module of their own: the app reads them before its
first frame, without importing the widgets (and the models they show)."""

WIDE = 110  # columns from which the review's panes stand side by side
