"""Group Coordinator: run a self-help or peer-support group from one trustworthy file."""

__version__ = "0.1.0"
APP_NAME = "Group Coordinator"
APP_ID = "org.groupcoordinator.GroupCoordinator"
