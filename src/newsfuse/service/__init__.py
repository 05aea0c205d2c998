"""The web app and HTTP API (``newsfuse serve``): FastAPI, run by uvicorn.

Needs the ``serve`` extra (``pip install 'newsfuse[serve]'``). ``create_app(Settings(...))``
builds the app; ``newsfuse.service.command`` is the command line.
"""
