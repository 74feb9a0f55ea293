"""Open data: the registry on any date as downloads, a feed and a widget (/du-lieu/), and the
read-only JSON API (/api/v1/)."""
