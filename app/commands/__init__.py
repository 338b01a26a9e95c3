"""Headless commands, one module per area. Each has `register(subparsers)`."""
