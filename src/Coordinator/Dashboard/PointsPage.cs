namespace Scyfi.Coordinator.Dashboard;

/// <summary>
/// The answer of <c>/api/sweeps/{id}/points</c>: the grid points recorded so far, each as
/// <c>[index, regime, objects, stable, degenerate]</c> (see <see cref="Columns"/>). A grid point's
/// coordinates are i = index mod nx, j = index div nx, and its parameter values follow from
/// <see cref="Axes"/>. Ask again with <c>?after=CURSOR&amp;generation=GENERATION</c> for only the new
/// points; when the generation changed (the analysis rewrote points after the grid was complete),
/// the whole set comes again with <see cref="Reset"/> = true.
/// </summary>
/// <param name="Sweep">Sweep id.</param>
/// <param name="Generation">Changes when earlier points were rewritten; a client then starts over.</param>
/// <param name="Cursor">Pass as <c>after</c> to get only newer points.</param>
/// <param name="Reset">True when this page starts from the first point (a client clears its map).</param>
/// <param name="Complete">True when every grid point of a completed sweep is included in the generation.</param>
/// <param name="Nx">Points along the first axis.</param>
/// <param name="Ny">Points along the second axis (1 for a 1-D sweep).</param>
/// <param name="Axes">The swept parameters.</param>
/// <param name="Regimes">Every regime seen so far, with its colour and count.</param>
/// <param name="Columns">Names of the entries of each point.</param>
/// <param name="Points">The points of this page.</param>
public sealed record PointsPage(
    string Sweep,
    int Generation,
    int Cursor,
    bool Reset,
    bool Complete,
    int Nx,
    int Ny,
    AxisView[] Axes,
    RegimeView[] Regimes,
    string[] Columns,
    int[][] Points);

/// <summary>A regime of the live map.</summary>
/// <param name="Id">Index used in the points.</param>
/// <param name="Name">The regime in words (Regime.Of), e.g. "stable 2-cycle + saddle FP".</param>
/// <param name="Colour">CSS colour on the dashboard's map.</param>
/// <param name="Points">Grid points in this regime so far.</param>
public sealed record RegimeView(int Id, string Name, string Colour, int Points);
