"""Readers for files people bring in: member lists, bank statements."""
