"""Making printed documents from the window: the shared "make a PDF in the background, then open it" helper."""
