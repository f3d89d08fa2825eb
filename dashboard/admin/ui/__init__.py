"""The administration tabs."""
