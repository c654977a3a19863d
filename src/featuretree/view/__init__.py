"""What the editor shows of a document, computed without any UI toolkit."""
