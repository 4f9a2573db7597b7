"""The headless commands, one module per area. See ``coordinator_app.cli`` for how to add one."""

MODULES = [
    "coordinator_app.commands.demo",
    "coordinator_app.commands.check",
    "coordinator_app.commands.members",
    "coordinator_app.commands.reports",
    "coordinator_app.commands.money",
    "coordinator_app.commands.smoke",
    "coordinator_app.commands.backup",
    "coordinator_app.commands.data_rights",
    "coordinator_app.commands.erase",
    "coordinator_app.commands.calendar",
    "coordinator_app.commands.server",
]
