"""First Look's own Pelican plugins and the `headshots` command.

Each sub-module is one plugin with one concern (profiles, thumbnails,
search); `headshots.errors` is the error type they share.
"""
