"""The command line: ``expatdesk`` and its subcommands, without Qt."""
