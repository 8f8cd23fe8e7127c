"""Read queries returning plain data (the shapes API.md promises), each
``fn(uow, principal, ...)`` behind the service layer's access checks: ``views.skp`` (the SKP
aggregate and its parts, peran), ``views.perjanjian`` (the Perjanjian Kinerja aggregate)."""
