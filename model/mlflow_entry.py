"""Entry file for MLflow's "models from code": the logged model is this pipeline."""

import mlflow.models

from model.serving import NegotiationStanceModel

mlflow.models.set_model(NegotiationStanceModel())
