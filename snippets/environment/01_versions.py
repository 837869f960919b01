"""The library versions and machine every output on this site was produced with."""

import os
import platform
import sys

import keras
import matplotlib
import numpy as np
import sklearn
import tensorflow as tf

# Nothing random here; every snippet carries the SEED line the tests vary.
SEED = 0
print(f"Python: {sys.version.split()[0]}")
print(f"TensorFlow: {tf.__version__}")
print(f"Keras: {keras.__version__} (backend: {keras.backend.backend()})")
print(f"scikit-learn: {sklearn.__version__}")
print(f"NumPy: {np.__version__}")
print(f"matplotlib: {matplotlib.__version__}")
print(f"platform: {platform.system()} {platform.machine()}, {os.cpu_count()} CPU cores")
print(f"GPUs visible to TensorFlow: {len(tf.config.list_physical_devices('GPU'))}")
