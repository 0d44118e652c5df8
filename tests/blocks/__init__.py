"""Block tests."""
