"""Fitting preprocessing on data you evaluate on: what it changes, measured three ways."""

import numpy as np
from sklearn.datasets import load_breast_cancer, make_classification
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 0
rng = np.random.default_rng(SEED)
cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)

# 1) A scaler fitted on all the data before cross-validation, on i.i.d. data.
X, y = load_breast_cancer(return_X_y=True)
leaky = cross_val_score(
    LogisticRegression(max_iter=1000), StandardScaler().fit_transform(X), y, cv=cv
)
clean = cross_val_score(
    make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)), X, y, cv=cv
)
cv_scaler = {"leaky": leaky.mean(), "pipeline": clean.mean()}
print(f"1) scaler outside CV, accuracy: {cv_scaler['leaky']:.4f}")
print(f"1) scaler inside CV (pipeline), accuracy: {cv_scaler['pipeline']:.4f}")
# What leaked: the means and standard deviations of all 569 examples instead of those of
# each fold's 455 or 456 training examples (means in units of the fold's std).
everything = StandardScaler().fit(X)
folds = [StandardScaler().fit(X[train]) for train, _ in cv.split(X, y)]
leak = {
    "means": max(np.max(np.abs(everything.mean_ - f.mean_) / f.scale_) for f in folds),
    "stds": max(np.max(np.abs(everything.scale_ / f.scale_ - 1)) for f in folds),
}
print(f"1) leaked statistics: means within {leak['means']:.3f} std, stds within {leak['stds']:.1%}")

# 2) Feature selection (which uses the labels) fitted on all the data, on pure noise:
# 100 samples, 5000 random features, random labels. Nothing can beat 50% here.
X_noise = rng.normal(size=(100, 5000))
y_noise = rng.integers(0, 2, size=100)
selected = SelectKBest(f_classif, k=20).fit_transform(
    StandardScaler().fit_transform(X_noise), y_noise
)
leaky = cross_val_score(LogisticRegression(), selected, y_noise, cv=cv)
pipe = make_pipeline(StandardScaler(), SelectKBest(f_classif, k=20), LogisticRegression())
clean = cross_val_score(pipe, X_noise, y_noise, cv=cv)
cv_select = {"leaky": leaky.mean(), "pipeline": clean.mean()}
print(f"2) selection outside CV, accuracy on noise: {cv_select['leaky']:.3f}")
print(f"2) selection inside CV (pipeline), accuracy on noise: {cv_select['pipeline']:.3f}")

# 3) A shifted test set: the deployment data arrive with every feature offset by +1.5
# (a recalibrated sensor). The model and the scaler are fitted on the training split.
X, y = make_classification(n_samples=1000, n_features=10, n_informative=5, random_state=SEED)
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, random_state=SEED)
X_shifted = X_test + 1.5
scaler = StandardScaler().fit(X_train)
clf = LogisticRegression().fit(scaler.transform(X_train), y_train)
shift = {
    "no shift": clf.score(scaler.transform(X_test), y_test),
    "shift, training statistics": clf.score(scaler.transform(X_shifted), y_test),
    "shift, scaler refitted on the test set": clf.score(
        StandardScaler().fit_transform(X_shifted), y_test
    ),
}
# The same shift, with one scaler fitted on training + test data before training.
both = StandardScaler().fit(np.vstack([X_train, X_shifted]))
clf_both = LogisticRegression().fit(both.transform(X_train), y_train)
shift["shift, scaler fitted on train + test"] = clf_both.score(both.transform(X_shifted), y_test)
for name, acc in shift.items():
    print(f"3) test accuracy, {name}: {acc:.3f}")
