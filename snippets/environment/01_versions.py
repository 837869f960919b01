"""The library versions and machine every output on this site was produced with."""

import os
import platform
import re
import sys
from pathlib import Path

import keras
import matplotlib
import numpy as np
import sklearn
import tensorflow as tf

# Nothing random here; every snippet carries the SEED line the tests vary.
SEED = 0
cpuinfo = Path("/proc/cpuinfo")  # Linux; elsewhere platform.processor() says what it can
model = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text()) if cpuinfo.exists() else None
cpu = model.group(1) if model else (platform.processor() or "unknown")
print(f"Python: {sys.version.split()[0]}")
print(f"TensorFlow: {tf.__version__}")
print(f"Keras: {keras.__version__} (backend: {keras.backend.backend()})")
print(f"scikit-learn: {sklearn.__version__}")
print(f"NumPy: {np.__version__}")
print(f"matplotlib: {matplotlib.__version__}")
print(f"platform: {platform.system()} {platform.machine()}, {os.cpu_count()} CPU cores")
print(f"CPU: {cpu}")
print(f"threads per TensorFlow op: {os.environ.get('TF_NUM_INTRAOP_THREADS', 'default')}")
print(f"GPUs visible to TensorFlow: {len(tf.config.list_physical_devices('GPU'))}")
