"""What git knows about the journeys folder, read with one runner (used by the figures and by ``diff``)."""
