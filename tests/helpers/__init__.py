"""What several test folders share, one named module per subject; conftest.py files hold only fixtures."""
