"""Augmentations that change the label: a 6 turned 180 degrees is a 9, flipped digits."""

import keras
import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

SEED = 0
keras.utils.set_random_seed(SEED)

X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype("float32").reshape(-1, 8, 8, 1)
X_train, X_val, y_train, y_val = train_test_split(
    X, y, test_size=0.5, stratify=y, random_state=SEED
)

# A plain classifier trained on the original images only: it tells us what a
# transformed image looks like.
clf = LogisticRegression(max_iter=2000).fit(X_train.reshape(len(X_train), -1), y_train)


def predict(images):
    return clf.predict(np.asarray(images).reshape(len(images), -1))


# factor=(0.5, 0.5) pins the angle to half a turn; RandomFlip flips a random half of the
# images, so flip all of them by hand to see what the flipped half looks like.
turn = keras.layers.RandomRotation((0.5, 0.5), fill_mode="constant", interpolation="nearest")
turned = turn(X_val, training=True).numpy()
flipped = X_val[:, :, ::-1, :]  # what RandomFlip("horizontal") does to an image it flips
same_as_rot90 = np.array_equal(turned, np.rot90(X_val, 2, axes=(1, 2)))
print(f"RandomRotation((0.5, 0.5)) is np.rot90(x, 2): {same_as_rot90}")

acc = {
    "original": float(np.mean(predict(X_val) == y_val)),
    "turned 180°": float(np.mean(predict(turned) == y_val)),
    "flipped left-right": float(np.mean(predict(flipped) == y_val)),
}
for name, a in acc.items():
    print(f"accuracy, {name}: {a:.2f}")

# Per digit: how often is the transformed image still recognised, and as what if not?
pred_turned, pred_flipped = predict(turned), predict(flipped)
kept_turned = {d: float(np.mean(pred_turned[y_val == d] == d)) for d in range(10)}
kept_flipped = {d: float(np.mean(pred_flipped[y_val == d] == d)) for d in range(10)}
print("digit          " + " ".join(f"{d:>4}" for d in range(10)))
print("kept, turned   " + " ".join(f"{k:4.0%}" for k in kept_turned.values()))
print("kept, flipped  " + " ".join(f"{k:4.0%}" for k in kept_flipped.values()))
six_as_nine = float(np.mean(pred_turned[y_val == 6] == 9))
nine_as_six = float(np.mean(pred_turned[y_val == 9] == 6))
turned_nine_mode = int(np.bincount(pred_turned[y_val == 9]).argmax())
print(f"turned 6s read as 9: {six_as_nine:.0%}")
print(f"turned 9s read as 6: {nine_as_six:.0%}")
print(f"most common reading of a turned 9: {turned_nine_mode}")

# Figure: a few validation digits, turned and flipped, and what the classifier reads.
picks = [int(np.flatnonzero(y_val == d)[0]) for d in (6, 9, 0, 2, 3, 5)]
rows = {"original": X_val, "turned 180°": turned, "flipped left-right": flipped}
fig, axes = plt.subplots(3, 1, figsize=(5, 3.9), layout="constrained")
for ax, (name, images) in zip(axes, rows.items(), strict=True):
    strip = np.full((8, 9 * len(picks) - 1), np.nan)  # the digits side by side, NaN: blank
    for c, i in enumerate(picks):
        strip[:, 9 * c : 9 * c + 8] = images[i, :, :, 0]
    ax.imshow(strip, cmap="gray_r", vmin=-0.15, vmax=1)  # 0: light grey
    ax.set_title(f"{name}: read as", loc="left")
    ax.set_xticks(9 * np.arange(len(picks)) + 3.5, predict(images[picks]))
    ax.set_yticks([])
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
plt.show()
