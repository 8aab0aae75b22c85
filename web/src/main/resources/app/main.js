// The app's entry: defines its elements; <tb-app> in the page starts it.
import './components/tb-app.js';
