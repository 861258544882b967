"""Reference data localization ships with: landing-page labels and regional playbooks."""
