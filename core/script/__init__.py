"""Scripts and breakdown: read a screenplay (Fountain, Final Draft, PDF lines) and break it down by scene."""
