"""A group kept on a PostgreSQL server instead of in a file: the same models and migrations.

``address`` reads and checks a server address (never holding a password); ``group`` opens one as a
:class:`~coordinator_app.db.groupfile.GroupFile`-like object that services use unchanged; ``transfer``
moves a group between a file and a server, verified table by table; ``roles`` gives people logins whose
privileges the server itself enforces.
"""
