"""User errors of the command line: one line on stderr, exit status 2."""


class CLIError(Exception):
    """A problem with the command's arguments or files, said in one line."""


def one_line(exc):
    """``exc`` as one line: its message, or its type when it has none."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
