"""Scripts that build, evaluate and track negotiation-stance models."""
