"""Use cases over a group file. Each call opens its own unit of work and returns plain dataclasses."""
