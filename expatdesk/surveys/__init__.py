"""Survey responses: the satisfaction grades and the intention to leave."""
