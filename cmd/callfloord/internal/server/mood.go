package server

// moodRoutes are the mood package's endpoints.
var moodRoutes []route
