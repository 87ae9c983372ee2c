"""What git knows about the journeys folder: ``runner`` (the one way git is started), ``history`` (for the
figures and pages of the build) and ``revisions`` (a revision's journeys folder, for ``journeymaps diff``)."""
