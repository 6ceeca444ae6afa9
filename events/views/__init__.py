"""Views of the events app: listings (served by the index page), participation, calendars, admin."""
