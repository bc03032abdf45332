"""coopdesk: bookkeeping for small cooperatives.

The core package. It never imports Qt: the desktop app (`coopdesk_ui`) and the command line
(`coopdesk.cli`) both sit on top of the services and queries defined here.
"""

__version__ = "0.1.0"
