"""The pages of the main window, one module each, all following the protocol in :mod:`.base`."""
