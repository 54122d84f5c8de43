"""The CouchDB adapter: client, provisioning, design documents, the changes-feed runner."""
