"""The command line: Typer commands, each a thin wrapper over a library function."""
