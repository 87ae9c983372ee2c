"""Step 3: figures worked out from the model: per map, across maps, emotion trends and review states."""
