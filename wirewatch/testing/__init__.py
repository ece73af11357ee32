"""Local twins of wirewatch's outside world, for the demo and the tests: a feed server, a webhook
receiver and an SMTP receiver, all on 127.0.0.1 and real sockets (apprise and aiohttp talk to
them exactly as to the real thing)."""
