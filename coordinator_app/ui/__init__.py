"""The desktop window: Qt lives here and nowhere else."""
