"""tei-toolkit: plain-text archival records to TEI P5; validation; HTML and text export."""
__version__ = "0.1.0"
