namespace Amtron.Dlm.Control;

/// <summary>Who waits when there is not enough current for every vehicle at 6 A (the device's "DLM Algorithm").</summary>
public enum QueueingPolicy
{
    /// <summary>"Fair Trade (FIFO)": vehicles are served in order of arrival; a late vehicle waits for a free slot.</summary>
    FairTradeFifo,

    /// <summary>"Fair Trade (RR)": charging and waiting vehicles swap every rotation interval, so pauses are shared.</summary>
    FairTradeRoundRobin,
}
