"""Development demo of X-VIA (`manage.py xvia_dev_setup`). LOCAL DEVELOPMENT ONLY."""
