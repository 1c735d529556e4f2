package io.floe.protocol.committee;

/**
 * Where the current epoch is in Walrus's epoch state machine (walrus {@code epoch_parameters}/{@code system_state_inner}
 * names): {@link #EPOCH_CHANGE_SYNC} from the epoch's start until new shard owners holding a quorum of shards have
 * reported their sync done, then {@link #EPOCH_CHANGE_DONE}, then, from the epoch's middle, {@link #NEXT_PARAMS_SELECTED}
 * once the next committee is chosen. The next epoch starts only from {@link #NEXT_PARAMS_SELECTED}.
 */
public enum EpochState {
    EPOCH_CHANGE_SYNC("EpochChangeSync"),
    EPOCH_CHANGE_DONE("EpochChangeDone"),
    NEXT_PARAMS_SELECTED("NextParamsSelected");

    private final String walrusName;

    EpochState(String walrusName) {
        this.walrusName = walrusName;
    }

    /** The name Walrus's JSON and CLI show. */
    public String walrusName() {
        return walrusName;
    }
}
