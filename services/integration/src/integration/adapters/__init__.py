"""Tables, repositories, remote clients, renderers."""
