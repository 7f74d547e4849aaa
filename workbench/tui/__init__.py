"""The terminal face of workbench (Textual). The core never imports this package."""
