"""Getting bytes safely onto disk."""
