"""featuretree: build feature structure diagrams (功能结构图) with change logs and suggestions."""

__version__ = "0.1.0"
