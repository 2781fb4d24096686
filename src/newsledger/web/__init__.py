"""The web app: an HTTP API under ``/api`` and server-rendered pages over a ledger.

    from newsledger.web import create_app
    app = create_app("news.duckdb")            # read-only
    uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from newsledger.web.app import create_app

__all__ = ["create_app"]
