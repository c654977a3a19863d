"""The Textual editor: ``FeatureTreeApp(path)`` opens a feature tree full-screen."""

from featuretree.tui.app import FeatureTreeApp

__all__ = ["FeatureTreeApp"]
