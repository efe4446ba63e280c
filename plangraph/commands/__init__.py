"""Sub-commands of the ``plangraph`` CLI; each module has ``register(app)``."""
